package io.leadscore.app.web.events;

import io.leadscore.app.web.StorableText;
import io.leadscore.app.web.Viewer;
import io.leadscore.batch.leadimport.CrmItems;
import io.leadscore.batch.leadimport.ImportFileKind;
import io.leadscore.batch.leadimport.RowProblem;
import io.leadscore.batch.liveevents.LiveEvents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/events} (docs/events.md): the body is read up to its
 * limit and no further, parsed, and its items handed to the live event flow
 * as they are — every check of a value is the import's ({@link CrmItems});
 * this class only says what is not an item at all. The answer is written
 * after the transaction committed.
 */
@RestController
@Tag(name = "events", description = "Leads, activities, follow-ups and deals pushed as they happen (roles ingest, admin)")
class EventsApi {
    /** The largest body taken: 5 MB. */
    static final int MAX_BYTES = 5 * 1024 * 1024;
    private static final Map<String, ImportFileKind> ARRAYS = Map.of("leads", ImportFileKind.LEADS,
            "activities", ImportFileKind.ACTIVITIES, "followups", ImportFileKind.FOLLOWUPS, "deals", ImportFileKind.DEALS);
    /**
     * Numbers kept as written (a float read as a double would print 0.1 as 0.1000000000000000055…); a key given
     * twice in one object is refused (read leniently, the last would silently win and the first be lost).
     */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final LiveEvents live;

    EventsApi(LiveEvents live) {
        this.live = live;
    }

    @PostMapping(path = "/api/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Stores the valid items, reports the invalid ones, rescores and moves every lead touched;"
            + " answered after commit")
    @ApiResponse(responseCode = "200", description = "what was stored, what was refused, the leads touched",
            content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                    schema = @Schema(implementation = EventsAnswer.class)))
    ResponseEntity<?> post(HttpServletRequest request, Authentication authentication) throws IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "the body holds " + request.getContentLengthLong()
                    + " bytes; at most " + MAX_BYTES + " (5 MB) are taken: send smaller batches");
        }
        byte[] body = readAtMost(request.getInputStream(), MAX_BYTES);
        if (body == null) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "the body holds more than " + MAX_BYTES
                    + " bytes (5 MB): send smaller batches");
        }
        // decoded first, strictly, then parsed from the text: the byte parser refuses a whole body for one
        // unpaired surrogate escape in a field name, where the item alone is to be refused (its check below)
        String text;
        try {
            text = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return problem(HttpStatus.BAD_REQUEST, "the body is not UTF-8 text: " + e.getMessage());
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            return problem(HttpStatus.BAD_REQUEST, "the body is not JSON: " + io.leadscore.app.web.ApiErrors.said(e));
        }
        if (root == null || !root.isObject()) {
            return problem(HttpStatus.BAD_REQUEST, "the body must be a JSON object with any of the arrays leads,"
                    + " activities, followups, deals");
        }
        List<String> unknown = new ArrayList<>();
        for (String name : root.propertyNames()) {
            if (!ARRAYS.containsKey(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown.stream().map(EventsApi::shortQuoted).toList())
                    + ": the body holds only the arrays leads, activities, followups, deals (nothing was stored)");
        }
        Map<ImportFileKind, List<CrmItems.Item>> items = CrmItems.byKind();
        int total = 0;
        for (Map.Entry<String, ImportFileKind> array : ARRAYS.entrySet()) {
            JsonNode list = root.get(array.getKey());
            if (list == null || list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                return problem(HttpStatus.BAD_REQUEST, "'" + array.getKey() + "' must be an array of objects");
            }
            total += list.size();
            List<CrmItems.Item> parsed = new ArrayList<>(list.size());
            for (JsonNode item : list) {
                parsed.add(item(item));
            }
            items.put(array.getValue(), parsed);
        }
        if (items.isEmpty()) {
            return problem(HttpStatus.BAD_REQUEST, "the body holds none of the arrays leads, activities, followups, deals");
        }
        if (total > LiveEvents.MAX_ITEMS) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "the body holds " + total + " items; at most "
                    + LiveEvents.MAX_ITEMS + " are taken in one request: send smaller batches");
        }
        LiveEvents.Outcome outcome = live.ingest(items, "events:" + Viewer.of(authentication).name());
        return ResponseEntity.ok(answer(outcome));
    }

    /** The most fields one item may hold: a lead's custom attributes are a CRM's fields, not a store for anything. */
    static final int MAX_FIELDS = 500;
    /** The longest field name taken: a custom attribute's name is a CRM field's label. */
    static final int MAX_FIELD_NAME = 200;

    /** One item as the import reads a row: every value as text, what is not a value reported as a problem. */
    private static CrmItems.Item item(JsonNode node) {
        if (!node.isObject()) {
            return new CrmItems.Item(Map.of(), List.of(new RowProblem(null, "the item is " + kind(node)
                    + ", expected an object with the fields of the contract")));
        }
        if (node.size() > MAX_FIELDS) {
            return new CrmItems.Item(Map.of(), List.of(new RowProblem(null, "the item has " + node.size()
                    + " fields, at most " + MAX_FIELDS + " are taken (the contract's and a lead's custom attributes)")));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        List<RowProblem> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode value = field.getValue();
            String name = field.getKey();
            String nameFlaw = StorableText.flaw(name);
            if (nameFlaw == null && name.length() > MAX_FIELD_NAME) {
                problems.add(new RowProblem(shortName(name), "a field name of " + name.length()
                        + " characters, at most " + MAX_FIELD_NAME + " allowed"));
                continue;
            }
            String valueFlaw = value.isString() ? StorableText.flaw(value.asString()) : null;
            if (nameFlaw != null) {
                problems.add(new RowProblem(null, StorableText.refusal("a field name", nameFlaw)));
            } else if (valueFlaw != null) {
                problems.add(new RowProblem(shortName(name), StorableText.refusal("the value", valueFlaw)));
            } else if (value.isNull()) {
                fields.put(name, null);
            } else if (value.isString()) {
                fields.put(name, value.asString());
            } else if (value.isNumber()) {
                fields.put(name, value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.decimalValue().toString());
            } else {
                problems.add(new RowProblem(shortName(name), "the value is " + kind(value) + ", expected a string or a number"));
            }
        }
        return new CrmItems.Item(fields, problems);
    }

    private static String kind(JsonNode node) {
        return node.isObject() ? "an object" : node.isArray() ? "a list" : node.isBoolean() ? "a boolean ("
                + node.asBoolean() + ")" : node.isString() ? "a string" : node.isNumber() ? "a number" : "null";
    }

    private static String shortName(String name) {
        return name.length() > 100 ? name.substring(0, 100) + "… (" + name.length() + " characters)" : name;
    }

    private static String shortQuoted(String name) {
        return "'" + shortName(name) + "'";
    }

    /** The body, or {@code null} when it holds more than {@code limit} bytes (reading stops there). */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }

    private static EventsAnswer answer(LiveEvents.Outcome outcome) {
        Map<String, List<String>> ignored = new java.util.LinkedHashMap<>();
        outcome.ignored().forEach((kind, fields) -> ignored.put(kind.label(), fields));
        return new EventsAnswer(outcome.accepted(), outcome.updated(), outcome.unchanged(), outcome.rejected().stream()
                .map(r -> new EventsAnswer.Rejected(r.kind().label(), r.index(), r.field(), r.reason())).toList(),
                outcome.leads().stream().map(LeadStateView::of).toList(), ignored);
    }

    /**
     * The answer to a batch of events (events.md): how many items were stored, how many of those changed an item
     * stored before (a lead sent again with other values replaces them, as a CSV row does), and how many were known
     * already with the same values, each refused item with where and why, and the state of every lead the batch
     * touched.
     */
    record EventsAnswer(int accepted, int updated, int unchanged, List<Rejected> rejected, List<LeadStateView> leads,
                        @com.fasterxml.jackson.annotation.JsonProperty("ignored_fields")
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                        Map<String, List<String>> ignoredFields) {
        EventsAnswer {
            rejected = List.copyOf(rejected);
            leads = List.copyOf(leads);
            ignoredFields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ignoredFields));
        }

        /** A refused item: its kind, its place in its array (from 0), the field and the reason. */
        record Rejected(String kind, int index, String field, String reason) {
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(status, detail));
    }

}
