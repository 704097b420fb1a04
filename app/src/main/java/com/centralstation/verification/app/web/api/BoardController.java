package com.centralstation.verification.app.web.api;

import com.centralstation.verification.app.web.board.BoardRequest;
import com.centralstation.verification.app.web.board.BoardStream;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.core.domain.BoardCounts;
import com.centralstation.verification.core.domain.BoardItem;
import com.centralstation.verification.core.domain.BoardPage;
import com.centralstation.verification.core.domain.OperatorTask;
import com.centralstation.verification.core.domain.ResponseTime;
import com.centralstation.verification.core.usecase.BoardQueries;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/board}: every open verification, life safety first, then high, then normal, oldest first within a
 * class, a page at a time, with the counts per class and response-time band. {@code GET /api/board/stream}: the same
 * server-sent events the board page listens to. For the station's software and for operators and supervisors with
 * their Camunda login.
 */
@RestController
public class BoardController {

    private final BoardQueries board;
    private final BoardStream stream;

    public BoardController(BoardQueries board, BoardStream stream) {
        this.board = board;
        this.stream = stream;
    }

    @GetMapping(value = "/api/board", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> board(@RequestParam(name = "dealer_id", required = false) String dealerId,
                                     @RequestParam(name = "site_id", required = false) String siteId,
                                     @RequestParam(name = "after", required = false) String after,
                                     @RequestParam(name = "limit", defaultValue = "50") int limit) {
        BoardRequest request = BoardRequest.of(dealerId, siteId, after, limit);
        return json(board.page(request.filter(), request.after(), request.limit()));
    }

    @GetMapping(value = "/api/board/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream() {
        return stream.open().orElseThrow(() -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                "this node serves as many board streams as verification.board.max-streams allows"));
    }

    static Map<String, Object> json(BoardPage page) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("as_of", page.asOf().toString());
        Map<String, Object> filter = new LinkedHashMap<>();
        filter.put("dealer_id", page.filter().dealerId().orElse(null));
        filter.put("site_id", page.filter().siteId().orElse(null));
        json.put("filter", filter);
        json.put("counts", counts(page.counts()));
        json.put("items", page.items().stream().map(BoardController::item).toList());
        json.put("next", page.next().map(cursor -> cursor.token()).orElse(null));
        return json;
    }

    private static Map<String, Object> counts(BoardCounts counts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("total", counts.total());
        Map<String, Object> byClass = new LinkedHashMap<>();
        for (AlarmClass alarmClass : AlarmClass.values()) {
            Map<String, Object> ofClass = new LinkedHashMap<>();
            ofClass.put("total", counts.ofClass(alarmClass));
            for (ResponseTime bucket : ResponseTime.values()) {
                ofClass.put(bucket.label(), counts.of(alarmClass, bucket));
            }
            byClass.put(alarmClass.code(), ofClass);
        }
        json.put("by_class", byClass);
        Map<String, Object> byBucket = new LinkedHashMap<>();
        for (ResponseTime bucket : ResponseTime.values()) {
            byBucket.put(bucket.label(), counts.ofBucket(bucket));
        }
        json.put("by_bucket", byBucket);
        return json;
    }

    private static Map<String, Object> item(BoardItem item) {
        var open = item.verification();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("verification_id", open.verificationId().toString());
        json.put("dealer_id", open.site().dealerId());
        json.put("site_id", open.site().siteId());
        json.put("site_name", open.siteName().orElse(null));
        json.put("alarm_class", open.alarmClass().code());
        json.put("trigger", open.trigger());
        json.put("location", open.location().orElse(null));
        json.put("state", item.stage().code());
        json.put("state_text", item.stateText());
        json.put("current_contact", item.currentContact().map(contact -> {
            Map<String, Object> current = new LinkedHashMap<>();
            current.put("contact_id", contact.contactId());
            current.put("name", contact.name());
            current.put("position", contact.position());
            current.put("of", contact.of());
            current.put("channel", contact.channel().orElse(null));
            current.put("delivered", contact.delivered());
            return current;
        }).orElse(null));
        json.put("received_at", open.receivedAt().toString());
        json.put("age_seconds", item.age().toSeconds());
        json.put("response_bucket", item.bucket().label());
        json.put("next_escalation_at", item.nextEscalation().map(Instant::toString).orElse(null));
        json.put("operator_task", item.operatorTask().map(BoardController::task).orElse(null));
        return json;
    }

    private static Map<String, Object> task(OperatorTask task) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("task_id", task.taskId());
        json.put("name", task.name());
        json.put("kind", task.kind().code());
        json.put("assignee", task.assignee());
        json.put("process_instance_id", task.processInstanceId());
        json.put("opened_at", task.openedAt().toString());
        return json;
    }
}
