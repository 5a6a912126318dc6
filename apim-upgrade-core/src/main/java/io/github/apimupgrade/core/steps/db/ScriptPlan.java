package io.github.apimupgrade.core.steps.db;

/**
 * An action that runs a SQL script through the plugin: a dry run writes its statements, exactly as the run sends
 * them, into the plan's SQL file of that database (plan-&lt;role&gt;-&lt;datasource&gt;.sql).
 */
public interface ScriptPlan {
    SqlScriptAction scriptAction();
}
