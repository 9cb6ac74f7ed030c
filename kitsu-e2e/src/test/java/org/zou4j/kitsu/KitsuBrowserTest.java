package org.zou4j.kitsu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.zou4j.ZouEngine;
import org.zou4j.http.ZouHttpServer;
import org.zou4j.storage.h2.H2Storage;

/**
 * Kitsu 1.0.56 (the built {@code dist/} of {@code ../shared/kitsu}) served by zou4j and used in headless Chromium, as a
 * person would. Every API response the browser receives is recorded from Chrome's network log, so a failed call is
 * seen even where Kitsu hides it. Skipped, with the reason printed, where Chromium, its driver or the Kitsu build
 * is missing ({@code .ci/run} installs Debian's chromium and chromium-driver). Screenshots of a failed test are kept
 * in {@code target/kitsu-screenshots}.
 */
class KitsuBrowserTest {
    private static final String EMAIL = "admin@example.com";
    private static final String PASSWORD = "kitsu-browser-test-1";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static ZouEngine engine;
    private static ZouHttpServer server;
    private static String base;
    private WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> chromium = executable("ZOU_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser");
        Optional<Path> driver = executable("ZOU_CHROMEDRIVER", "/usr/bin/chromedriver");
        Optional<Path> tarball = kitsuDist();
        skipUnless(chromium.isPresent(), "Chromium is not installed (apt-get install chromium)");
        skipUnless(driver.isPresent(), "chromedriver is not installed (apt-get install chromium-driver)");
        skipUnless(tarball.isPresent(), "the Kitsu build ../shared/kitsu/kitsu-1.0.56-dist.tar.gz is missing");
        Path dist = extract(tarball.get());
        engine = ZouEngine.builder().storage(H2Storage.inMemory()).secretKey("kitsu-browser-test-secret-0123456789")
                .bcryptCost(4).build();
        engine.ensureAdmin(EMAIL, PASSWORD);
        server = ZouHttpServer.builder(engine).port(0).uiDirectory(dist).build().start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void thePersonLogsInThroughTheFormAndLandsInTheApp(TestInfo test) throws Exception {
        browser = newBrowser();
        try {
            browser.get(base + "/login");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(d -> !d.findElements(By.cssSelector("input[type=password]")).isEmpty());
            browser.findElement(By.cssSelector("input[type=email], input[name=email]")).sendKeys(EMAIL);
            browser.findElement(By.cssSelector("input[type=password]")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("a.main-button"))
                    .click();
            wait.until(d -> responses(d).stream().anyMatch(r -> r.path().equals("/api/auth/login")));
            List<ApiResponse> seen = responses(browser);
            assertThat(seen).filteredOn(r -> r.path().equals("/api/auth/login"))
                    .extracting(ApiResponse::status).containsOnly(200);
            assertThat(browser.manage().getCookieNamed("access_token_cookie")).isNotNull();
            assertThat(seen).filteredOn(r -> r.path().startsWith("/assets/"))
                    .extracting(ApiResponse::status).containsOnly(200);
            // Kitsu's start-up calls after the login (kitsu-routes.md, section 4) all answer, and the person lands
            // on a page of the app instead of being sent back to the login
            wait.until(d -> responses(d).stream().anyMatch(r -> r.path().equals("/api/data/user/context")));
            wait.until(d -> !d.getCurrentUrl().contains("/login"));
            Thread.sleep(3000); // let the page's own calls finish
            List<ApiResponse> afterLogin = responses(browser);
            assertThat(afterLogin).filteredOn(r -> r.path().equals("/api/data/user/context"))
                    .extracting(ApiResponse::status).containsOnly(200);
            assertThat(afterLogin).filteredOn(r -> r.status() >= 500).isEmpty();
            assertThat(browser.getCurrentUrl()).doesNotContain("/login");
            keepScreenshot("after-login");
        } catch (AssertionError | RuntimeException e) {
            screenshot(test);
            System.err.println("KitsuBrowserTest: responses seen: " + recorded);
            throw e;
        }
    }

    /** One HTTP response the browser received. */
    record ApiResponse(String method, String path, int status) {
    }

    private final List<ApiResponse> recorded = new ArrayList<>();

    /** The responses received so far (Chrome's performance log is drained on each read, so they accumulate here). */
    private List<ApiResponse> responses(WebDriver driver) {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            try {
                Map<?, ?> message = (Map<?, ?>) MAPPER.readValue(entry.getMessage(), Map.class).get("message");
                if (!"Network.responseReceived".equals(message.get("method"))) {
                    continue;
                }
                Map<?, ?> response = (Map<?, ?>) ((Map<?, ?>) message.get("params")).get("response");
                String url = (String) response.get("url");
                if (!url.startsWith(base)) {
                    continue;
                }
                String path = url.substring(base.length()).split("\\?", 2)[0];
                recorded.add(new ApiResponse("", path, ((Number) response.get("status")).intValue()));
            } catch (IOException e) {
                throw new IllegalStateException("unreadable performance log entry", e);
            }
        }
        return List.copyOf(recorded);
    }

    private static WebDriver newBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("ZOU_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser")
                .orElseThrow().toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,900",
                // a person's Chrome: Zou (and zou4j) give the auth cookies Kitsu relies on to browsers only, and
                // ua-parser classifies "HeadlessChrome" as a headless tool, not a browser
                "--user-agent=Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/156.0.0.0 Safari/537.36");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(executable("ZOU_CHROMEDRIVER", "/usr/bin/chromedriver").orElseThrow().toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Keeps a screenshot of the current page as {@code target/kitsu-screenshots/<name>.png}. */
    private void keepScreenshot(String name) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "kitsu-screenshots"));
        Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private void screenshot(TestInfo test) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "kitsu-screenshots"));
            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Path file = dir.resolve(test.getTestMethod().map(m -> m.getName()).orElse("test") + ".png");
            Files.write(file, png);
            System.err.println("KitsuBrowserTest: screenshot kept at " + file.toAbsolutePath());
        } catch (IOException | RuntimeException e) {
            System.err.println("KitsuBrowserTest: no screenshot: " + e);
        }
    }

    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.out.println("KitsuBrowserTest skipped: " + reason);
        }
        assumeTrue(condition, reason);
    }

    private static Optional<Path> executable(String variable, String... candidates) {
        String configured = System.getenv(variable);
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return Optional.of(Path.of(configured));
        }
        for (String candidate : candidates) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(Path.of(candidate));
            }
        }
        return Optional.empty();
    }

    /** {@code ZOU_KITSU_DIST}, or the tarball in {@code shared/kitsu} beside the repository or an ancestor of it. */
    private static Optional<Path> kitsuDist() {
        String configured = System.getenv("ZOU_KITSU_DIST");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isRegularFile);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path tarball = dir.resolve("shared").resolve("kitsu").resolve("kitsu-1.0.56-dist.tar.gz");
            if (Files.isRegularFile(tarball)) {
                return Optional.of(tarball);
            }
        }
        return Optional.empty();
    }

    private static Path extract(Path tarball) throws IOException, InterruptedException {
        Path target = Files.createDirectories(Path.of("target", "kitsu"));
        Path dist = target.resolve("dist");
        if (!Files.isRegularFile(dist.resolve("index.html"))) {
            Process tar = new ProcessBuilder("tar", "xzf", tarball.toString(), "-C", target.toString())
                    .inheritIO().start();
            assertThat(tar.waitFor()).as("tar xzf " + tarball).isZero();
        }
        return dist.toAbsolutePath();
    }
}
