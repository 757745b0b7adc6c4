package clinic.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The parsed arguments: a command, its positional arguments and the options
 * {@code --bootstrap-servers}, {@code --command-config}, {@code --payload}, {@code --all}, {@code --dry-run}.
 */
record CommandLine(String command, List<String> positional, String bootstrapServers, Properties clientConfig,
                   boolean payload, boolean all, boolean dryRun) {

    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    static CommandLine parse(String[] args) {
        List<String> positional = new ArrayList<>();
        String bootstrap = DEFAULT_BOOTSTRAP_SERVERS;
        Properties clientConfig = new Properties();
        boolean payload = false;
        boolean all = false;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--bootstrap-servers" -> {
                    bootstrap = value(args, i, arg);
                    i += arg.contains("=") ? 0 : 1;
                }
                case "--command-config" -> {
                    clientConfig = load(Path.of(value(args, i, arg)));
                    i += arg.contains("=") ? 0 : 1;
                }
                case "--payload" -> payload = true;
                case "--all" -> all = true;
                case "--dry-run" -> dryRun = true;
                default -> {
                    if (arg.startsWith("--")) {
                        throw new UsageException("unknown option " + name);
                    }
                    positional.add(arg);
                }
            }
        }
        if (positional.isEmpty()) {
            throw new UsageException("no command given");
        }
        return new CommandLine(positional.get(0), List.copyOf(positional.subList(1, positional.size())), bootstrap,
                clientConfig, payload, all, dryRun);
    }

    String topic() {
        return argument(0, "dead-letter topic");
    }

    int partition() {
        String text = argument(1, "partition");
        if (!text.matches("\\d{1,9}")) {
            throw new UsageException("not a partition: " + DeadLetterHeaders.printable(text));
        }
        return Integer.parseInt(text);
    }

    long offset() {
        String text = argument(2, "offset");
        if (!text.matches("\\d{1,18}")) {
            throw new UsageException("not an offset: " + DeadLetterHeaders.printable(text));
        }
        return Long.parseLong(text);
    }

    void expectArguments(int count) {
        if (positional.size() != count) {
            throw new UsageException(command + " takes " + count + " argument(s), got " + positional.size());
        }
    }

    private String argument(int index, String what) {
        if (positional.size() <= index) {
            throw new UsageException(command + ": missing " + what);
        }
        return positional.get(index);
    }

    private static String value(String[] args, int i, String arg) {
        if (arg.contains("=")) {
            return arg.substring(arg.indexOf('=') + 1);
        }
        if (i + 1 >= args.length) {
            throw new UsageException(arg + " needs a value");
        }
        return args[i + 1];
    }

    private static Properties load(Path file) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return properties;
    }
}
