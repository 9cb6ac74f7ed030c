/** Implementation details of {@link org.zou4j.mail}: building MIME messages with Jakarta Mail. */
package org.zou4j.internal.mail;
