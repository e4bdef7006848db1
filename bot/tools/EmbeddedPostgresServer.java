import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (the tests' embedded one) on a port of your choice, with an empty database, for
 * measuring the bot's {@code postgres} profile under the shared bench's load (docs/performance.md):
 *
 * <pre>
 * mvn -B -ntp -q -o -pl bot dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java -cp "$(cat /tmp/cp.txt)" bot/tools/EmbeddedPostgresServer.java 55432 certdesk
 * </pre>
 *
 * Durable as a production server is by default (zonky's test defaults turn {@code synchronous_commit}
 * off): {@code fsync} and {@code synchronous_commit} on, checked and printed. Runs until killed; the
 * data folder is a fresh temporary one each time.
 */
public class EmbeddedPostgresServer {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args.length > 0 ? args[0] : "55432");
        String database = args.length > 1 ? args[1] : "certdesk";
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(port)
                .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
                .setServerConfig("max_connections", "100").start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                // exiting anyway
            }
        }));
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
            StringBuilder settings = new StringBuilder();
            for (String setting : new String[] {"server_version", "fsync", "synchronous_commit", "shared_buffers"}) {
                try (ResultSet value = statement.executeQuery("SHOW " + setting)) {
                    value.next();
                    settings.append(setting).append('=').append(value.getString(1)).append(' ');
                }
            }
            System.out.println("ready: jdbc:postgresql://127.0.0.1:" + port + "/" + database + " (user postgres, no password); "
                    + settings.toString().trim());
        }
        Thread.currentThread().join();
    }
}
