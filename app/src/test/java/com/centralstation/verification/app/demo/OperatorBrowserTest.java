package com.centralstation.verification.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An operator in a real headless Chromium, with Camunda authorization on: a user in group {@code operators} only
 * (made as an administrator would in Admin) logs into Tasklist, sees, claims and completes the review of a fire
 * alarm, and is refused by Admin and Cockpit (their pages answer 403). Screenshots go to target/screenshots/.
 */
class OperatorBrowserTest extends DemoServiceTest {

    private static final String OPERATOR = "oscar";
    private static final String PASSWORD = "operator-password";
    @RegisterExtension
    static final ChromiumSession chromium = new ChromiumSession("operator");

    @Autowired
    IdentityService identity;

    @Autowired
    TaskService tasks;

    @Test
    void anOperatorWorksTheTaskInTasklistAndIsRefusedByAdminAndCockpit() throws Exception {
        if (identity.createUserQuery().userId(OPERATOR).count() == 0) {
            User user = identity.newUser(OPERATOR);
            user.setFirstName("Oscar");
            user.setLastName("Operator");
            user.setPassword(PASSWORD);
            identity.saveUser(user);
            identity.createMembership(OPERATOR, "operators");
        }
        JsonNode alarm = triggerTestAlarm("fire");
        String verificationId = alarm.get("verification_id").asText();
        long alarmVerificationId = alarm.get("alarm_verification_id").asLong();
        Task review = await().atMost(Duration.ofSeconds(30)).until(() -> tasks.createTaskQuery()
                .processInstanceBusinessKey(verificationId).taskNameLike("% · Operator review").singleResult(), Objects::nonNull);

        WebDriver browser = chromium.driver();
        // The webapps load a few megabytes of scripts on first use: generous on a busy machine.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        openLoginPage(browser, uri("/camunda/app/tasklist/" + ENGINE + "/").toString());
        logIn(wait);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-filters"), "All tasks"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".tasks-list"), "Operator review"));
        browser.get(uri("/camunda/app/tasklist/" + ENGINE + "/#/?task=" + review.getId()).toString());
        click(browser, wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))));
        wait.until(driver -> OPERATOR.equals(tasks.createTaskQuery().taskId(review.getId()).singleResult().getAssignee()));
        WebElement dispatch = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".fjs-form-field-radio input[type='radio']")));
        wait.until(driver -> driver.findElements(By.cssSelector(".fjs-form-field-textarea textarea")).stream()
                .anyMatch(area -> String.valueOf(area.getDomProperty("value")).contains("Alice Adams (contact id 7001)")));
        click(browser, dispatch);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form-field-number input"))).sendKeys("7001");
        // Moving on to the note is what hands the number to the form (form-js takes it when the field is left).
        browser.findElement(By.cssSelector(".fjs-form-field-textarea:not(.fjs-disabled) textarea"))
                .sendKeys("Alice confirmed smoke by phone.");
        chromium.screenshot("operator-tasklist-review");
        // The demo's compressed escalation timers (20 s, 50 s) can fire while the form is filled in; the engine then
        // refuses the completion as a concurrent change, and the operator presses Complete again.
        List<JsonNode> patches = List.of();
        for (int attempt = 1; patches.isEmpty() && attempt <= 3; attempt++) {
            click(browser, wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button[ng-click='complete()']"))));
            patches = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(
                    () -> patchesFor(alarmVerificationId),
                    list -> !list.isEmpty() || browser.getPageSource().contains("updated by another transaction"));
            browser.findElements(By.cssSelector(".notifications .close, .notification .close")).forEach(close -> click(browser, close));
        }
        assertThat(patches).isNotEmpty();
        assertThat(json.readTree(patches.get(0).get("body").asText()).get("action").asText()).isEqualTo("dispatch");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(verification(verificationId).at("/decision/source").asText()).isEqualTo("operator"));
        chromium.screenshot("operator-tasklist-after-complete");

        // Logged in as an operator, the webapps' own security filter refuses the other apps' pages outright (403).
        for (String app : List.of("admin", "cockpit")) {
            browser.get(uri("/camunda/app/" + app + "/" + ENGINE + "/").toString());
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), "status=403"));
            assertThat(browser.findElement(By.tagName("body")).getText()).as(app).contains("Forbidden");
            assertThat(browser.findElements(By.cssSelector("[ng-app], .ctn-main, input[ng-model='username']"))).as(app).isEmpty();
            chromium.screenshot("operator-" + app + "-refused");
        }
    }

    /**
     * On a cold, busy server the webapp's script loader can give up on a slow plugin script and leave the page
     * spinning; a fresh load then finds the scripts served and cached.
     */
    private static void openLoginPage(WebDriver browser, String url) {
        for (int attempt = 1; ; attempt++) {
            browser.get(url);
            try {
                new WebDriverWait(browser, Duration.ofSeconds(60))
                        .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
                return;
            } catch (org.openqa.selenium.TimeoutException stillLoading) {
                if (attempt == 3) {
                    throw stillLoading;
                }
            }
        }
    }

    private static void logIn(WebDriverWait wait) {
        WebElement user = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")));
        user.clear();
        user.sendKeys(OPERATOR);
        WebElement password = user.findElement(By.xpath("//input[@ng-model='password']"));
        password.clear();
        password.sendKeys(PASSWORD);
        user.findElement(By.xpath("//form//button[@type='submit']")).click();
    }

    /** Radio inputs in form-js are styled over; clicking through JavaScript is what the label does. */
    private static void click(WebDriver browser, WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].click();", element);
    }
}
