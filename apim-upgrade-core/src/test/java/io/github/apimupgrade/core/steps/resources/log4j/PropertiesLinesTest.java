package io.github.apimupgrade.core.steps.resources.log4j;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PropertiesLinesTest {

    @Test
    void readsSeparatorsContinuationsAndComments() {
        PropertiesLines p = new PropertiesLines("""
                # a comment = not an entry
                ! also a comment
                a=1
                b : 2
                c    3
                list = x, \\
                       y, \\
                       z
                key\\ with\\ space = v
                """);

        assertEquals("1", p.value("a"));
        assertEquals("2", p.value("b"));
        assertEquals("3", p.value("c"));
        assertEquals("x, y, z", p.value("list"));
        assertEquals("v", p.value("key with space"));
        assertFalse(p.has("#"));
        assertEquals(List.of("a", "b", "c", "list", "key with space"), List.copyOf(p.entries().keySet()));
    }

    @Test
    void editsKeepEveryOtherByte() {
        String text = "# head\na   =   1\nlist = x, \\\n  y\ntail=t";
        PropertiesLines p = new PropertiesLines(text);

        p.set("a", "2");
        p.appendToList("list", "z");
        p.appendLines(List.of("new = 1"));

        assertEquals("# head\na   =   2\nlist = x, \\\n  y, z\ntail=t\nnew = 1", p.render());
        p.set("list", "only");
        assertEquals("# head\na   =   2\nlist = only\ntail=t\nnew = 1", p.render());
    }

    @Test
    void emptyListGetsItsFirstItem() {
        PropertiesLines p = new PropertiesLines("loggers =\n");
        p.appendToList("loggers", "a");
        p.appendToList("loggers", "b");
        assertEquals("loggers = a, b\n", p.render());
    }
}
