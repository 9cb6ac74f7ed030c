/** Zou's {@code chats} blueprint for a session's caller: {@link org.zou4j.chats.Chats}. */
package org.zou4j.chats;
