/**
 * PostgreSQL storage for zou4j: {@link org.zou4j.storage.postgres.PostgresStorage}, for several engine instances
 * sharing one database.
 */
package org.zou4j.storage.postgres;
