/** The signed-in person's view of the engine: context, to-dos, filters, notifications (Zou's user routes). */
package org.zou4j.user;
