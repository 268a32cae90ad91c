package dev.migrateops.sandbox;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The home page that says this is sandbox mode, and the stand-in's page with its script and style. Served
 * from {@code classpath:sandbox/}, not {@code static/}, so they exist only in sandbox mode.
 */
@RestController
@ConditionalOnSandbox
class SandboxAssets {

    private static final MediaType JAVASCRIPT = MediaType.valueOf("text/javascript;charset=UTF-8");
    private static final MediaType CSS = MediaType.valueOf("text/css;charset=UTF-8");

    @GetMapping("/")
    ResponseEntity<Resource> home() {
        return asset("home.html", MediaType.TEXT_HTML);
    }

    @GetMapping({"/sandbox", "/sandbox/"})
    ResponseEntity<Resource> page() {
        return asset("index.html", MediaType.TEXT_HTML);
    }

    @GetMapping("/sandbox/app.js")
    ResponseEntity<Resource> script() {
        return asset("app.js", JAVASCRIPT);
    }

    @GetMapping("/sandbox/app.css")
    ResponseEntity<Resource> style() {
        return asset("app.css", CSS);
    }

    private static ResponseEntity<Resource> asset(String name, MediaType type) {
        return ResponseEntity.ok().contentType(type).header("Cache-Control", "no-cache")
                .body(new ClassPathResource("sandbox/" + name));
    }
}
