package io.leadscore.app.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * A headless Chromium driven as a person uses the console: sign in, open
 * pages, wait for what they show. Screenshots go to the directory named by the
 * system property or environment variable {@value #SCREENSHOTS} when one is
 * set (the documentation's screenshots are made this way).
 */
public final class Browser implements AutoCloseable {
    public static final String SCREENSHOTS = "leadscore.screenshots";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int WIDTH = 1400;

    private final String base;
    private final Path profile;
    private final ChromeDriver driver;

    public Browser(int port) {
        RequiresBrowser.Binaries binaries = RequiresBrowser.Binaries.find();
        if (binaries == null) {
            throw new IllegalStateException("No browser: the class should carry @RequiresBrowser");
        }
        this.base = "http://localhost:" + port;
        try {
            this.profile = Files.createTempDirectory("leadscore-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binaries.chromium().toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + ",1000", "--lang=en-US");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(binaries.chromedriver().toString())).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
    }

    public WebDriver driver() {
        return driver;
    }

    public void open(String path) {
        driver.get(base + path);
    }

    public String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    /** Signs out whoever is signed in and signs in as this user through the sign-in form. */
    public void signIn(String user, String password) {
        driver.manage().deleteAllCookies();
        open("/login");
        submitSignIn(user, password);
    }

    /** Fills in and sends the sign-in form on the page (the sign-in page a protected page sent us to). */
    public void submitSignIn(String user, String password) {
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("sign-in")).click();
        waitFor(d -> !d.getCurrentUrl().contains("/login"));
    }

    public WebElement find(String css) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /**
     * Waits until the condition holds. A page that reloads itself (the jobs page follows a run) may replace an
     * element between finding it and reading it: that is asked again, not failed (Chrome says so either as a stale
     * element or as a node that "does not belong to the document").
     */
    public <T> T waitFor(java.util.function.Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    try {
                        return condition.apply(d);
                    } catch (org.openqa.selenium.WebDriverException e) {
                        if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                            return null;
                        }
                        throw e;
                    }
                });
    }

    /** Waits until every chart on the page has been drawn at least once (those drawn on demand once asked for). */
    public void awaitCharts() {
        waitFor(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return Array.from(document.querySelectorAll('.chart'))"
                + ".every(c => c.dataset.ready === 'true' || c.dataset.onDemand === 'true')"));
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** A full-page screenshot under the screenshot directory, when one is configured. */
    public void screenshot(String name) {
        String dir = System.getProperty(SCREENSHOTS, System.getenv("LEADSCORE_SCREENSHOTS"));
        if (dir == null || dir.isBlank()) {
            return;
        }
        Dimension before = driver.manage().window().getSize();
        script("window.scrollTo(0, 0)");
        long height = ((Number) script("return Math.ceil(document.documentElement.scrollHeight)")).longValue();
        driver.manage().window().setSize(new Dimension(WIDTH, (int) Math.min(4000, Math.max(800, height + 100))));
        script("window.dispatchEvent(new Event('resize'))");
        // let the charts redraw at the new size: two animation frames
        driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " requestAnimationFrame(() => requestAnimationFrame(done));");
        try {
            Path target = Path.of(dir).resolve(name + ".png");
            Files.createDirectories(target.getParent());
            Files.write(target, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }
}
