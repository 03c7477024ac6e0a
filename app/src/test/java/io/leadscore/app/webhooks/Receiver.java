package io.leadscore.app.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook receiver on a local port, as a subscriber would run one: it keeps every request (headers, raw body,
 * when it came) and answers {@link #answer} (200 unless told otherwise; a queue of answers is used up first),
 * at once or {@link #answerAfter} a pause.
 */
final class Receiver implements AutoCloseable {
    record Received(String path, Map<String, List<String>> headers, byte[] body, long nanos) {
        String header(String name) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue().get(0);
                }
            }
            return null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> next = new ConcurrentLinkedQueue<>();
    private final AtomicInteger answer = new AtomicInteger(200);
    private final AtomicLong answerAfterMillis = new AtomicLong();

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                received.add(new Received(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                        body, System.nanoTime()));
                long pause = answerAfterMillis.get();
                if (pause > 0) {
                    Thread.sleep(pause);
                }
                Integer status = next.poll();
                exchange.sendResponseHeaders(status == null ? answer.get() : status, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers these statuses to the next requests, in order, then {@link #answer}. */
    void thenAnswer(Integer... statuses) {
        next.addAll(List.of(statuses));
    }

    void answer(int status) {
        answer.set(status);
    }

    /**
     * Answers each request only this long after it has kept it, as a receiver on a busy machine does: the sender
     * learns the outcome well after the request arrived.
     */
    void answerAfter(Duration pause) {
        answerAfterMillis.set(pause.toMillis());
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
