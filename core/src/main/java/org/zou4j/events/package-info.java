/**
 * Zou's events, as an embedding application or a plugin sees them: every committed change emits an {@link
 * org.zou4j.events.Event} ({@code task:new}, {@code comment:update}, ...) that listeners receive after the commit, in
 * commit order, through {@link org.zou4j.events.Events#subscribe} or, resuming across restarts, {@link
 * org.zou4j.events.Events#subscribeDurable}. The same facade answers Zou's event-log routes ({@code
 * /data/events/last}, {@code /data/events/names}, {@code /data/events/login-logs/last}).
 */
package org.zou4j.events;
