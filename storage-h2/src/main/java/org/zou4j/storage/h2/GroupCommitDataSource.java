package org.zou4j.storage.h2;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool of a file database, each connection's commits made durable through {@link GroupCommit} before they return:
 * {@link Connection#commit()}, {@link Connection#setAutoCommit(boolean) setAutoCommit(true)} ending a transaction,
 * and every statement that may write run in auto-commit mode. Whatever code commits through these connections (the
 * engine's transactions, auto-commit writes of the auth and event stores, migrations) is acknowledged only once
 * written, as with H2's {@code WRITE_DELAY=0}.
 */
final class GroupCommitDataSource implements DataSource {
    private final DataSource pool;
    private final GroupCommit groupCommit;

    GroupCommitDataSource(DataSource pool, GroupCommit groupCommit) {
        this.pool = pool;
        this.groupCommit = groupCommit;
    }

    GroupCommit groupCommit() {
        return groupCommit;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return wrap(pool.getConnection(username, password));
    }

    private Connection wrap(Connection c) {
        ConnectionHandler handler = new ConnectionHandler(c);
        handler.proxy = (Connection) Proxy.newProxyInstance(GroupCommitDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
        return handler.proxy;
    }

    /**
     * Whether {@code sql} may change data when run: anything but a plain query (a {@code SELECT} can write through
     * {@code FINAL TABLE (UPDATE ...)} or a sequence). Erring towards yes only costs a store write.
     */
    static boolean mayWrite(String sql) {
        String s = sql.strip().toUpperCase(Locale.ROOT);
        if (!(s.startsWith("SELECT") || s.startsWith("WITH") || s.startsWith("VALUES") || s.startsWith("TABLE"))) {
            return true;
        }
        return s.contains("UPDATE") || s.contains("INSERT") || s.contains("DELETE") || s.contains("MERGE")
                || s.contains("NEXT VALUE") || s.contains("NEXTVAL") || s.contains("CALL");
    }

    private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** A pooled connection: remembers whether its open work wrote, and makes commits durable. */
    private final class ConnectionHandler implements InvocationHandler {
        private final Connection target;
        /** The connection handed out (what statements answer to getConnection). */
        private Connection proxy;
        /** Statements since the last commit or rollback may have written. */
        private boolean dirty;

        ConnectionHandler(Connection target) {
            this.target = target;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            switch (m.getName()) {
                case "commit" -> {
                    target.commit();
                    if (dirty) {
                        dirty = false;
                        groupCommit.durable(target);
                    }
                    return null;
                }
                case "rollback" -> {
                    Object r = GroupCommitDataSource.invoke(target, m, args);
                    if (args == null) {
                        dirty = false; // a rollback to a savepoint keeps earlier writes
                    }
                    return r;
                }
                case "setAutoCommit" -> {
                    boolean wasAuto = target.getAutoCommit();
                    target.setAutoCommit((Boolean) args[0]);
                    if (!wasAuto && (Boolean) args[0] && dirty) { // H2 commits the open transaction
                        dirty = false;
                        groupCommit.durable(target);
                    }
                    return null;
                }
                case "close" -> {
                    dirty = false; // the pool rolls back what was not committed
                    target.close();
                    return null;
                }
                case "createStatement", "prepareStatement", "prepareCall" -> {
                    Object statement = GroupCommitDataSource.invoke(target, m, args);
                    String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                    Class<?> type = statement instanceof CallableStatement ? CallableStatement.class
                            : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                    return Proxy.newProxyInstance(GroupCommitDataSource.class.getClassLoader(), new Class<?>[] {type},
                            new StatementHandler(this, (Statement) statement, sql));
                }
                case "unwrap" -> {
                    return ((Class<?>) args[0]).isInstance(proxy) ? proxy : target.unwrap((Class<?>) args[0]);
                }
                case "isWrapperFor" -> {
                    return ((Class<?>) args[0]).isInstance(proxy) || target.isWrapperFor((Class<?>) args[0]);
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                case "toString" -> {
                    return "group-commit " + target;
                }
                default -> {
                    return GroupCommitDataSource.invoke(target, m, args);
                }
            }
        }

        /** After a statement that may have written: durable now in auto-commit mode, else at the commit. */
        void wrote() throws SQLException {
            dirty = true;
            if (target.getAutoCommit()) {
                dirty = false;
                groupCommit.durable(target);
            }
        }
    }

    /** A statement of a {@link ConnectionHandler}: tells it when an execution may have written. */
    private static final class StatementHandler implements InvocationHandler {
        private final ConnectionHandler connection;
        private final Statement target;
        /** The prepared SQL (null: a plain statement, whose SQL comes with each execution). */
        private final String preparedSql;
        private boolean batched;

        StatementHandler(ConnectionHandler connection, Statement target, String preparedSql) {
            this.connection = connection;
            this.target = target;
            this.preparedSql = preparedSql;
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
            String name = m.getName();
            if (!name.startsWith("execute")) {
                switch (name) {
                    case "addBatch" -> batched = true;
                    case "clearBatch" -> batched = false;
                    case "getConnection" -> {
                        return connection.proxy; // never the raw one: its commits would skip the group commit
                    }
                    case "unwrap" -> {
                        return ((Class<?>) args[0]).isInstance(proxy) ? proxy : target.unwrap((Class<?>) args[0]);
                    }
                    case "isWrapperFor" -> {
                        return ((Class<?>) args[0]).isInstance(proxy) || target.isWrapperFor((Class<?>) args[0]);
                    }
                    case "equals" -> {
                        return proxy == args[0];
                    }
                    case "hashCode" -> {
                        return System.identityHashCode(proxy);
                    }
                    default -> {
                        // fall through to the target
                    }
                }
                return GroupCommitDataSource.invoke(target, m, args);
            }
            Object result = GroupCommitDataSource.invoke(target, m, args);
            boolean writes = switch (name) {
                case "executeQuery" -> mayWrite(args != null && args.length > 0 ? (String) args[0] : preparedSql);
                case "executeBatch", "executeLargeBatch" -> {
                    boolean b = batched;
                    batched = false;
                    yield b;
                }
                default -> args != null && args.length > 0 && args[0] instanceof String sql ? mayWrite(sql)
                        : preparedSql == null || mayWrite(preparedSql);
            };
            if (writes) {
                connection.wrote();
            }
            return result;
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || pool.isWrapperFor(iface);
    }
}
