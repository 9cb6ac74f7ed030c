/** Zou's {@code persons} blueprint for a session's caller: {@link org.zou4j.persons.Persons}. */
package org.zou4j.persons;
