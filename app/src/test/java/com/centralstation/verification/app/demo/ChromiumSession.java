package com.centralstation.verification.app.demo;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.WebDriver;

import java.nio.file.Path;

/**
 * One headless Chromium for a browser test class: started before its tests, closed after them, and a screenshot
 * of what the browser showed when a test failed ({@code <name>-<test method>-failure.png}), so a failure in CI can be seen.
 */
public final class ChromiumSession implements BeforeAllCallback, AfterAllCallback, TestExecutionExceptionHandler {

    private final String name;
    private HeadlessChromium chromium;

    public ChromiumSession(String name) {
        this.name = name;
    }

    public WebDriver driver() {
        return chromium.driver;
    }

    public Path screenshot(String shot) {
        return chromium.screenshot(shot);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        chromium = new HeadlessChromium();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        chromium.screenshot(name + "-" + context.getRequiredTestMethod().getName() + "-failure");
        throw failure;
    }
}
