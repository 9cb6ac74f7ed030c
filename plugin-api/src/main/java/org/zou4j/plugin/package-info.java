/**
 * zou4j's plugin API: the only artifact a plugin compiles against (with PF4J, provided by the engine). A plugin is a
 * jar whose manifest names it ({@code Plugin-Id}, {@code Plugin-Version}, {@code Plugin-Provider},
 * {@code Plugin-Requires}) and whose {@code @org.pf4j.Extension} classes implement {@link org.zou4j.plugin.CustomAction}
 * or {@link org.zou4j.plugin.ZouEventListener}.
 */
package org.zou4j.plugin;
