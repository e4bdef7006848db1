package org.certdesk.bot.system;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.sql.DataSource;

/**
 * What the stores' SQL needs on SQLite, done where JDBC meets the driver, so that the stores keep one
 * text of each statement for H2, PostgreSQL and SQLite:
 * <ul>
 * <li><b>times</b>: SQLite has no time type, and its driver writes an {@code OffsetDateTime} as its
 * {@code toString()}, whose width varies ({@code ...:07Z}, {@code ...:07.5Z}): compared as text, a
 * later instant could sort first. Every {@code OffsetDateTime} or {@code Instant} parameter is written
 * instead as UTC text of one width ({@link #TIME}, nanoseconds), which sorts and compares as the
 * instants do ({@code next_attempt_at <= :now}, {@code ORDER BY created_at}); and
 * {@code getObject(column, OffsetDateTime.class)}, which the driver does not implement, reads it back;</li>
 * <li><b>row locks</b>: SQLite has no {@code SELECT ... FOR UPDATE}. The profile's URL makes every
 * transaction {@code BEGIN IMMEDIATE}: it holds the database's single write lock from its first
 * statement to its commit, which covers every row it reads, so the clause is dropped. Writing
 * transactions run one at a time (the others wait, {@code busy_timeout}).</li>
 * </ul>
 * Everything else (ON CONFLICT DO NOTHING, LIMIT, ||, TRUE/FALSE, generated keys) SQLite takes as is.
 */
public final class SqliteJdbc {
    /** UTC, always nine fraction digits: text order is time order (years 0000 to 9999). */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Pattern FOR_UPDATE = Pattern.compile("\\s+FOR\\s+UPDATE\\s*$", Pattern.CASE_INSENSITIVE);

    private SqliteJdbc() {
    }

    /** {@code dataSource}'s connections, translating as the class comment says. */
    public static DataSource wrap(DataSource dataSource) {
        return proxy(DataSource.class, dataSource);
    }

    /** The statement for SQLite: without a trailing {@code FOR UPDATE} (the transaction holds the write lock). */
    static String sql(String sql) {
        return FOR_UPDATE.matcher(sql).replaceFirst("");
    }

    /** A parameter for SQLite: times as fixed-width UTC text, anything else unchanged. */
    static Object parameter(Object value) {
        if (value instanceof OffsetDateTime time) {
            return TIME.format(time.toInstant());
        }
        if (value instanceof Instant instant) {
            return TIME.format(instant);
        }
        return value;
    }

    /** A time column read back, or null. */
    static OffsetDateTime time(String text) {
        if (text == null) {
            return null;
        }
        TemporalAccessor parsed = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text);
        return OffsetDateTime.from(parsed).withOffsetSameInstant(ZoneOffset.UTC);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target) {
        return (T) Proxy.newProxyInstance(SqliteJdbc.class.getClassLoader(), new Class<?>[] {type},
                new Translating(target));
    }

    /** Wraps what the target hands out (connections, statements, result sets) and translates on the way. */
    private record Translating(Object target) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("equals") && method.getParameterCount() == 1) {
                return proxy == args[0];
            }
            if (name.equals("hashCode") && method.getParameterCount() == 0) {
                return System.identityHashCode(proxy);
            }
            if (name.equals("unwrap") && args[0] instanceof Class<?> type && type.isInstance(target)) {
                return target;
            }
            if (name.equals("isWrapperFor") && args[0] instanceof Class<?> type && type.isInstance(target)) {
                return true;
            }
            if (args != null && args.length > 0 && args[0] instanceof String sql
                    && (name.equals("prepareStatement") || name.equals("prepareCall") || name.startsWith("execute")
                    || name.equals("addBatch")) && (target instanceof Connection || target instanceof Statement)) {
                args = args.clone();
                args[0] = sql(sql);
            }
            if (target instanceof PreparedStatement && name.equals("setObject") && args.length >= 2) {
                args = args.clone();
                args[1] = parameter(args[1]);
                if (args[1] instanceof String text) {
                    ((PreparedStatement) target).setString((int) args[0], text);
                    return null;
                }
            }
            if (target instanceof ResultSet rs && name.equals("getObject") && args != null && args.length == 2
                    && args[1] instanceof Class<?> type && (type == OffsetDateTime.class || type == Instant.class)) {
                String text = args[0] instanceof Integer index ? rs.getString(index) : rs.getString((String) args[0]);
                OffsetDateTime time = time(text);
                return time == null || type == OffsetDateTime.class ? time : time.toInstant();
            }
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return wrapped(method.getReturnType(), result);
        }

        private static Object wrapped(Class<?> type, Object result) {
            if (result == null) {
                return null;
            }
            if (type == Connection.class) {
                return proxy(Connection.class, (Connection) result);
            }
            if (type == CallableStatement.class) {
                return proxy(CallableStatement.class, (CallableStatement) result);
            }
            if (type == PreparedStatement.class) {
                return proxy(PreparedStatement.class, (PreparedStatement) result);
            }
            if (type == Statement.class) {
                return proxy(Statement.class, (Statement) result);
            }
            if (type == ResultSet.class) {
                return proxy(ResultSet.class, (ResultSet) result);
            }
            return result;
        }
    }
}
