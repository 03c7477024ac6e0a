package io.leadscore.batch.rescoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.core.serializer.Deserializer;
import org.springframework.core.serializer.Serializer;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.Message;

/**
 * How a partition request is kept in the channel's table: one line of text,
 * {@code rescore-partition v1 <step name> <step execution id>}. Only the
 * request crosses; its headers (correlation, sequence) serve reply channels,
 * which a manager that polls the job repository does not use. Stored rows are
 * read as data: anything else is refused, and nothing is ever deserialized
 * into an object of a class named by the bytes.
 */
final class PartitionRequestCodec implements Serializer<Message<?>>, Deserializer<Message<?>> {
    private static final String PREFIX = "rescore-partition v1 ";
    private static final Pattern LINE = Pattern.compile("rescore-partition v1 ([A-Za-z][A-Za-z0-9_.-]{0,99}) ([0-9]{1,18})");
    private static final int MAX_BYTES = 200;

    @Override
    public void serialize(Message<?> message, OutputStream out) throws IOException {
        if (!(message.getPayload() instanceof StepExecutionRequest request)) {
            throw new IllegalArgumentException("Invalid partition request: a " + message.getPayload().getClass().getName()
                    + ", expected a StepExecutionRequest");
        }
        String line = PREFIX + request.getStepName() + " " + request.getStepExecutionId();
        if (!LINE.matcher(line).matches()) {
            throw new IllegalArgumentException("Invalid partition request: step " + request.getStepName()
                    + ", execution " + request.getStepExecutionId());
        }
        out.write(line.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public Message<?> deserialize(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        String line = new String(bytes, StandardCharsets.US_ASCII);
        Matcher m = LINE.matcher(line);
        if (bytes.length > MAX_BYTES || !m.matches()) {
            throw new IOException("Not a partition request: "
                    + (line.length() > 60 ? line.substring(0, 60) + "..." : line));
        }
        return MessageBuilder.withPayload(new StepExecutionRequest(m.group(1), Long.parseLong(m.group(2)))).build();
    }
}
