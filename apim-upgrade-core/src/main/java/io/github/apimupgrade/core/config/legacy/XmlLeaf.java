package io.github.apimupgrade.core.config.legacy;

import org.w3c.dom.Element;

/**
 * One leaf element (no element children) of an old configuration file.
 *
 * @param path  absolute element path without predicates ("/APIManager/APIStore/URL")
 * @param value trimmed text, entities decoded
 * @param alias secure-vault alias instead of a value, or null
 * @param where file:line
 */
public record XmlLeaf(String path, String value, String alias, Element element, String where) {
}
