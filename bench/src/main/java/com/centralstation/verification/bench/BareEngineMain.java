package com.centralstation.verification.bench;

import com.centralstation.verification.bpmn.AlarmVerificationModel;
import com.centralstation.verification.core.domain.AlarmClass;
import com.centralstation.verification.workflow.ClassPriorities;
import com.centralstation.verification.workflow.engine.TimeOrderedIdGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.runtime.JobQuery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * The baseline: a bare Camunda engine on the same kind of database, running the same BPMN and DMN with no-op
 * delegates under the model's bean names, behind the thinnest HTTP endpoint (JDK HttpServer) that starts one
 * instance per webhook body. What the service adds on top (Spring MVC, security, the signature, the inbox and
 * verification rows, real delegates, audit) is what the app/bare ratio prices.
 *
 * <p>Same settings as the service where they matter: Hikari pool size, history level, job executor (fetch size,
 * pool, queue, wait times), job priorities, timer preference and acquisition by due date with the same index, the same time-ordered ids.
 * It answers {@code GET /engine-rest/job/count} like the engine REST API, so the harness polls both alike.
 */
public final class BareEngineMain {

    private BareEngineMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            settings.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(settings.get("db-url"));
        pool.setUsername(settings.getOrDefault("db-user", "sa"));
        pool.setPassword(settings.getOrDefault("db-password", ""));
        pool.setMaximumPoolSize(Integer.parseInt(settings.getOrDefault("pool-size", "20")));
        pool.setAutoCommit(false);
        HikariDataSource dataSource = new HikariDataSource(pool);

        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("bare");
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setHistory(settings.getOrDefault("history-level", "activity"));
        configuration.setIdGenerator(new TimeOrderedIdGenerator());
        configuration.setEnsureJobDueDateNotNull(true);
        configuration.setJobExecutorAcquireByPriority(true);
        configuration.setJobExecutorActivate(true);
        configuration.setJobExecutorPreferTimerJobs(Boolean.parseBoolean(settings.getOrDefault("prefer-timer-jobs", "true")));
        configuration.setJobExecutorAcquireByDueDate(Boolean.parseBoolean(settings.getOrDefault("acquire-by-due-date", "true")));
        DefaultJobExecutor executor = new DefaultJobExecutor();
        executor.setWaitTimeInMillis(Integer.parseInt(settings.getOrDefault("wait-time-in-millis", "250")));
        executor.setMaxWait(Long.parseLong(settings.getOrDefault("max-wait", "1000")));
        executor.setMaxJobsPerAcquisition(Integer.parseInt(settings.getOrDefault("max-jobs-per-acquisition", "10")));
        executor.setCorePoolSize(Integer.parseInt(settings.getOrDefault("core-pool-size", "4")));
        executor.setMaxPoolSize(Integer.parseInt(settings.getOrDefault("max-pool-size", "8")));
        executor.setQueueSize(Integer.parseInt(settings.getOrDefault("queue-capacity", "10")));
        executor.setLockTimeInMillis(300_000);
        configuration.setJobExecutor(executor);
        configuration.setBeans(noOpBeans(settings.getOrDefault("first", "PT30S"),
                settings.getOrDefault("second", "PT30M"), settings.getOrDefault("third", "PT60M")));

        ProcessEngine engine = configuration.buildProcessEngine();
        // On SIGTERM, stop the job executor before the pool closes (as the service's graceful shutdown does).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            engine.close();
            dataSource.close();
        }));
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE INDEX IF NOT EXISTS AV_IDX_JOB_DUEDATE ON ACT_RU_JOB (DUEDATE_)");
            connection.commit();
        }
        engine.getRepositoryService().createDeployment().name("bare")
                .addClasspathResource("alarm-verification.bpmn")
                .addClasspathResource("escalation-policy.dmn")
                .addClasspathResource("alarm-class.dmn")
                .addClasspathResource("operator-review.form")
                .addClasspathResource("dispatch-not-taken.form")
                .enableDuplicateFiltering(true).deploy();
        serve(engine, Integer.parseInt(settings.getOrDefault("port", "0")));
    }

    /** A no-op under every name of {@code ModelBeans.NAMES}, leaving the variables the model's gateways read. */
    static Map<Object, Object> noOpBeans(String first, String second, String third) {
        JavaDelegate nothing = execution -> { };
        JavaDelegate notify = execution -> {
            int notified = ((Number) execution.getVariable("contactsNotified")).intValue() + 1;
            int left = Math.max(0, ((Number) execution.getVariable("contactsLeft")).intValue() - 1);
            execution.setVariable("contactsNotified", notified);
            execution.setVariable("contactsLeft", left);
            execution.setVariable("notificationOutcome", "delivered");
        };
        JavaDelegate submit = execution -> execution.setVariable("submissionOutcome", "SUBMITTED");
        TaskListener noListener = task -> { };
        Map<Object, Object> beans = new HashMap<>();
        beans.put("notifyContactDelegate", notify);
        beans.put("recordEscalationDelegate", nothing);
        beans.put("acceptDecisionDelegate", nothing);
        beans.put("submitDecisionDelegate", submit);
        beans.put("closeUnverifiedDelegate", nothing);
        beans.put("operatorReviewListener", noListener);
        beans.put("agencyCallListener", noListener);
        beans.put("escalationTimers", new Timers(first, second, third));
        beans.put("submissionTimers", Map.of("dispatchDeadline", "PT2M"));
        return beans;
    }

    /** The model reads {@code ${escalationTimers.first}} etc. as ISO-8601 durations. */
    public record Timers(String first, String second, String third) {
        public String getFirst() {
            return first;
        }

        public String getSecond() {
            return second;
        }

        public String getThird() {
            return third;
        }
    }

    private static void serve(ProcessEngine engine, int port) throws IOException {
        ObjectMapper json = new ObjectMapper();
        RuntimeService runtime = engine.getRuntimeService();
        ManagementService management = engine.getManagementService();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        // Tomcat's worker pool in the service is far larger; 32 is more than 16 senders need.
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/webhooks/chekt", exchange -> {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                JsonNode data = json.readTree(in.readAllBytes()).get("data");
                JsonNode alarm = data.get("alarm");
                Map<String, Object> variables = new HashMap<>();
                variables.put("trigger", alarm.get("trigger").asText());
                variables.put("priority", alarm.get("priority").asText());
                variables.put("contactsNotified", 0);
                variables.put("contactsLeft", data.get("contacts").size());
                variables.put("callListContactIds", "67890,67891,67892");
                variables.put("callListSummary", data.get("contacts").toString());
                variables.put("alarmSummary", alarm.toString());
                variables.put("operatorReviewing", false);
                // as the service's intake: the class table in the webhook's transaction, its priorities as variables
                AlarmClass alarmClass = AlarmClass.fromCode(engine.getDecisionService()
                        .evaluateDecisionByKey(AlarmVerificationModel.Decision.ALARM_CLASS)
                        .variables(Map.of("trigger", variables.get("trigger"), "priority", variables.get("priority")))
                        .evaluate().getSingleEntry()).orElse(AlarmClass.NORMAL);
                variables.put("alarmClass", alarmClass.code());
                variables.put("classJobPriority", ClassPriorities.jobPriorityBand(alarmClass));
                variables.put("classTaskPriority", ClassPriorities.taskPriority(alarmClass));
                runtime.createProcessInstanceByKey(AlarmVerificationModel.PROCESS_KEY)
                        .businessKey(data.get("verification_id").asText()).setVariables(variables).execute();
                respond(exchange, 202, "{\"result\":\"accepted\"}");
            } catch (RuntimeException e) {
                respond(exchange, 500, "{\"error\":\"" + e.getClass().getSimpleName() + "\"}");
            }
        });
        server.createContext("/engine-rest/job/count", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
                JobQuery jobs = management.createJobQuery();
                for (String parameter : query.split("&")) {
                    if (parameter.equals("messages=true")) {
                        jobs.messages();
                    } else if (parameter.equals("timers=true")) {
                        jobs.timers();
                    } else if (parameter.startsWith("activityId=")) {
                        jobs.activityId(parameter.substring("activityId=".length()));
                    }
                }
                respond(exchange, 200, "{\"count\":" + jobs.count() + "}");
            }
        });
        server.start();
        System.out.println("bare engine listening on " + server.getAddress().getPort());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
