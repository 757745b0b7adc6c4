package clinic.ops;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;

/**
 * Dead-letter operations for operators: list, inspect and replay the records the services put on
 * {@code <topic>.dlt}. See {@code ops-cli/README.md}. Exit codes: 0 done, 1 failed or not found, 2 usage.
 */
public final class DeadLetterCli {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar ops-cli-exec.jar <command> [options]",
            "  list   <dlt-topic>                        one line per dead letter (never the payload)",
            "  show   <dlt-topic> <partition> <offset>   headers of one dead letter; --payload to print it too",
            "  replay <dlt-topic> <partition> <offset>   send it back to its original topic",
            "  replay <dlt-topic> --all                  send every dead letter now on the topic back",
            "options:",
            "  --bootstrap-servers <host:port,...>       default " + CommandLine.DEFAULT_BOOTSTRAP_SERVERS,
            "  --command-config <file>                   Kafka client properties (SSL, SASL, ...)",
            "  --payload                                 show: print the payload (may hold clinical data)",
            "  --dry-run                                 replay: print what would be replayed, send nothing");

    private final PrintStream out;
    private final PrintStream err;

    DeadLetterCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new DeadLetterCli(System.out, System.err).run(args));
    }

    int run(String[] args) {
        String bootstrap = CommandLine.DEFAULT_BOOTSTRAP_SERVERS;
        try {
            CommandLine line = CommandLine.parse(args);
            bootstrap = line.bootstrapServers();
            KafkaClients clients = new KafkaClients(line.bootstrapServers(), line.clientConfig());
            DeadLetterPrinter printer = new DeadLetterPrinter(out, err);
            return switch (line.command()) {
                case "list" -> list(line, clients, printer);
                case "show" -> show(line, clients, printer);
                case "replay" -> replay(line, clients, printer);
                case "help", "--help" -> {
                    out.println(USAGE);
                    yield 0;
                }
                default -> throw new UsageException("unknown command " + DeadLetterHeaders.printable(line.command()));
            };
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (DeadLetterTopic.NotFoundException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (TimeoutException e) {
            err.println("error: no answer from Kafka at " + bootstrap + " (" + e.getMessage() + ")");
            return 1;
        } catch (KafkaException | IllegalStateException | java.io.UncheckedIOException e) {
            err.println("error: " + e.getMessage() + " (" + e.getClass().getSimpleName() + ")");
            return 1;
        }
    }

    private int list(CommandLine line, KafkaClients clients, DeadLetterPrinter printer) {
        line.expectArguments(1);
        printer.list(line.topic(), new DeadLetterTopic(clients, line.topic()).readAll());
        return 0;
    }

    private int show(CommandLine line, KafkaClients clients, DeadLetterPrinter printer) {
        line.expectArguments(3);
        Optional<DeadLetter> letter = new DeadLetterTopic(clients, line.topic()).read(line.partition(), line.offset());
        if (letter.isEmpty()) {
            err.println("error: no record at " + line.topic() + "-" + line.partition() + "@" + line.offset());
            return 1;
        }
        printer.show(letter.get(), line.payload());
        return 0;
    }

    private int replay(CommandLine line, KafkaClients clients, DeadLetterPrinter printer) {
        DeadLetterTopic topic = new DeadLetterTopic(clients, line.topic());
        List<DeadLetter> letters;
        if (line.all()) {
            line.expectArguments(1);
            letters = topic.readAll();
        } else {
            line.expectArguments(3);
            Optional<DeadLetter> letter = topic.read(line.partition(), line.offset());
            if (letter.isEmpty()) {
                err.println("error: no record at " + line.topic() + "-" + line.partition() + "@" + line.offset());
                return 1;
            }
            letters = List.of(letter.get());
        }
        List<DeadLetter> replayable = new ArrayList<>();
        for (DeadLetter letter : letters) {
            Optional<String> refusal = Replayer.refusal(letter);
            refusal.ifPresentOrElse(why -> printer.skipped(letter, why), () -> replayable.add(letter));
        }
        int skipped = letters.size() - replayable.size();
        if (line.dryRun()) {
            replayable.forEach(printer::wouldReplay);
            printer.summary("dry run: " + replayable.size() + " would be replayed, " + skipped + " skipped");
            return skipped == 0 ? 0 : 1;
        }
        try (Replayer replayer = new Replayer(clients)) {
            List<Future<RecordMetadata>> sent = replayable.stream().map(replayer::send).toList();
            for (int i = 0; i < sent.size(); i++) {
                RecordMetadata target = Replayer.await(sent.get(i));
                printer.replayed(replayable.get(i), target.topic() + "-" + target.partition() + "@" + target.offset());
            }
        }
        printer.summary("replayed " + replayable.size() + " of " + letters.size() + " dead letter(s) from "
                + line.topic() + (skipped == 0 ? "" : "; " + skipped + " skipped"));
        return skipped == 0 ? 0 : 1;
    }
}
