package com.ciopulse.segmentsync.source.file;

import com.ciopulse.segmentsync.outcome.OutcomeRecorder;
import com.ciopulse.segmentsync.source.SourcePolls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.component.file.FileEndpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;
import org.apache.camel.spi.RouteIdAware;

/**
 * The file drop's part in the shared poll skeleton, as the file consumer's poll strategy: a poll of the folder
 * begins and ends here, so a poll that took every file there was (or found none) reads the source to the end, and
 * a folder that cannot be listed fails the poll like any source's system. A file whose batch failed has already
 * told {@link SourcePolls} on its way out of the route.
 */
public class DropFolderPolls implements PollingConsumerPollStrategy {

    private static final Pattern DEFAULT_INCLUDE = Pattern.compile("\\(\\?i\\)\\.\\*\\\\\\.(\\w+)");

    private final SourcePolls polls;
    private final OutcomeRecorder recorder;

    public DropFolderPolls(SourcePolls polls, OutcomeRecorder recorder) {
        this.polls = polls;
        this.recorder = recorder;
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        polls.started(source(consumer, endpoint));
        return true;
    }

    /**
     * The poll ended. Camel's file consumer takes a folder it cannot list for an empty one, so that is checked here:
     * a drop folder that is not a readable folder fails the poll instead of reading as "nothing pending".
     */
    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        String source = source(consumer, endpoint);
        if (polledMessages == 0 && endpoint instanceof FileEndpoint files) {
            Path folder = files.getFile().toPath();
            if (!Files.isDirectory(folder) || !Files.isReadable(folder)) {
                polls.failed(source, new IOException("the drop folder " + folder.toAbsolutePath()
                        + (Files.exists(folder) ? " is not a readable folder" : " does not exist")));
                polls.ended(source);
                return;
            }
            String include = files.getInclude();
            if (!holdsFileToRead(folder, include)) {
                recorder.foundNothing(source, "no file in " + folder.toAbsolutePath().normalize() + "; put "
                        + fileToPut(include) + " there (see README 'The file drop')");
            }
        }
        polls.ended(source);
    }

    /** Whether the folder has a file the source would read (it found none new, or keeps files and read them). */
    private static boolean holdsFileToRead(Path folder, String include) {
        Pattern names = include == null || include.isEmpty() ? null : Pattern.compile(include);
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.anyMatch(entry -> Files.isRegularFile(entry)
                    && (names == null || names.matcher(entry.getFileName().toString()).matches()));
        } catch (IOException e) {
            return true; // said by the next poll that cannot list it
        }
    }

    /** {@code a .csv file} for the template's default pattern, else the pattern itself. */
    private static String fileToPut(String include) {
        if (include == null || include.isEmpty()) {
            return "a file";
        }
        Matcher byFormat = DEFAULT_INCLUDE.matcher(include);
        return byFormat.matches() ? "a ." + byFormat.group(1) + " file" : "a file whose name matches " + include;
    }

    /** The folder could not be listed; the consumer polls again at its next turn. */
    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        polls.failed(source(consumer, endpoint), cause);
        return false;
    }

    private static String source(Consumer consumer, Endpoint endpoint) {
        return consumer instanceof RouteIdAware route && route.getRouteId() != null ? route.getRouteId()
                : endpoint.getEndpointKey();
    }
}
