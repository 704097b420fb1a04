package com.centralstation.verification.app.web.board;

import com.centralstation.verification.app.input.InvalidInputException;
import com.centralstation.verification.app.security.BoardGroups;
import com.centralstation.verification.app.security.CamundaUser;
import com.centralstation.verification.app.web.ApiProblems;
import com.centralstation.verification.core.domain.BoardPage;
import com.centralstation.verification.core.domain.TaskClaim;
import com.centralstation.verification.core.usecase.BoardQueries;
import com.centralstation.verification.core.usecase.ClaimOperatorTask;
import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.server.ResponseStatusException;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /board}: the operator board for operators and supervisors, logged in with their Camunda user. The page
 * shows the most urgent open verifications and stays live: the browser listens to {@code /board/stream} and re-reads
 * {@code /board/items} (the same list, server-rendered) when something changed. Its only action is a claim, which
 * goes through the engine with the user's own authorizations.
 */
@Hidden
@Controller
public class BoardPageController {

    private final BoardQueries board;
    private final ClaimOperatorTask claims;
    private final BoardStream stream;
    private final BoardProperties properties;
    private final ZoneId zone;
    private final String engine;
    private final BoardGroups boardGroups;

    public BoardPageController(BoardQueries board, ClaimOperatorTask claims, BoardStream stream, BoardProperties properties,
                               ZoneId alarmTimeZone, BoardGroups boardGroups, Environment environment) {
        this.board = board;
        this.claims = claims;
        this.stream = stream;
        this.properties = properties;
        this.zone = alarmTimeZone;
        this.engine = environment.getProperty("camunda.bpm.process-engine-name", "default");
        this.boardGroups = boardGroups;
    }

    @GetMapping("/board")
    public ModelAndView page(@RequestParam(name = "dealer_id", required = false) String dealerId,
                             @RequestParam(name = "site_id", required = false) String siteId,
                             @RequestParam(name = "after", required = false) String after,
                             Authentication user) {
        ModelAndView page = new ModelAndView("board/board")
                .addObject("user", user.getName())
                .addObject("groups", String.join(", ", CamundaUser.of(user).groups()))
                .addObject("dealerId", dealerId)
                .addObject("siteId", siteId)
                .addObject("tasklist", "/camunda/app/tasklist/" + engine + "/");
        try {
            return page.addObject("view", view(BoardRequest.of(dealerId, siteId, after, properties.pageSize()), user));
        } catch (InvalidInputException bad) {
            return page.addObject("problem", bad.field() + " " + bad.getMessage())
                    .addObject("view", view(BoardRequest.of(null, null, null, properties.pageSize()), user));
        }
    }

    /** The list alone, for the browser to swap in when the stream says something changed. */
    @GetMapping("/board/items")
    public ModelAndView items(@RequestParam(name = "dealer_id", required = false) String dealerId,
                              @RequestParam(name = "site_id", required = false) String siteId,
                              @RequestParam(name = "after", required = false) String after,
                              Authentication user) {
        return new ModelAndView("board/board :: items")
                .addObject("view", view(BoardRequest.of(dealerId, siteId, after, properties.pageSize()), user))
                .addObject("dealerId", dealerId)
                .addObject("siteId", siteId)
                .addObject("tasklist", "/camunda/app/tasklist/" + engine + "/");
    }

    @GetMapping(value = "/board/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    public SseEmitter stream() {
        return stream.open().orElseThrow(() -> new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE,
                "this node serves as many boards as verification.board.max-streams allows"));
    }

    /** Claims the task as the logged-in user; the engine decides whether they may. */
    @PostMapping(value = "/board/tasks/{taskId}/claim", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public ResponseEntity<?> claim(@PathVariable String taskId, Authentication user) {
        if (taskId.length() > 64) {
            throw new InvalidInputException("taskId", "is not a task id");
        }
        TaskClaim claim = claims.claim(taskId, user.getName(), CamundaUser.of(user).groups());
        return switch (claim.result()) {
            case CLAIMED -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("result", "claimed");
                body.put("task_id", taskId);
                body.put("assignee", claim.holder().orElse(user.getName()));
                yield ResponseEntity.ok(body);
            }
            case HELD_BY_ANOTHER -> ApiProblems.problem(HttpStatus.CONFLICT, "Held by another", "taskId",
                    claim.holder().map(holder -> holder + " holds this task already").orElse("someone holds this task already"));
            case REFUSED -> ApiProblems.problem(HttpStatus.FORBIDDEN, "Claim refused", "taskId",
                    "Camunda's authorizations do not let " + user.getName() + " claim this task");
            case NOT_OPEN -> ApiProblems.problem(HttpStatus.NOT_FOUND, "Task not open", "taskId",
                    "this task is no longer open (done, or the alarm was decided)");
        };
    }

    /** The verification's process instance in Cockpit (found when asked: the board itself never walks the engine). */
    @GetMapping("/board/verifications/{verificationId}/cockpit")
    public ResponseEntity<String> cockpit(@PathVariable UUID verificationId) {
        return board.processInstanceOf(verificationId)
                .map(instance -> ResponseEntity.status(HttpStatus.FOUND)
                        .header("Location", "/camunda/app/cockpit/" + engine + "/#/process-instance/" + instance).body(""))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
                        .body("The process of verification " + verificationId + " has ended; see its history in Cockpit."));
    }

    @GetMapping("/board/login")
    public ModelAndView login(@RequestParam(name = "error", required = false) String error,
                              @RequestParam(name = "logout", required = false) String logout) {
        return new ModelAndView("board/login").addObject("failed", error != null).addObject("loggedOut", logout != null);
    }

    /** Where Spring Security forwards a logged-in user it refuses (any method: a refused claim is a POST): why, with 403. */
    @RequestMapping("/board/refused")
    public ModelAndView refused() {
        Authentication login = SecurityContextHolder.getContext().getAuthentication();
        CamundaUser user = login == null ? new CamundaUser(null, List.of()) : CamundaUser.of(login);
        return new ModelAndView("board/refused", HttpStatus.FORBIDDEN)
                .addObject("user", user.id())
                .addObject("groups", String.join(", ", user.groups()))
                .addObject("boardUser", boardGroups.admit(user));
    }

    private BoardView view(BoardRequest request, Authentication user) {
        BoardPage page = board.page(request.filter(), request.after(), request.limit());
        return BoardView.of(page, user.getName(), zone);
    }
}
