package dev.migrateops.slack;

import com.slack.api.methods.SlackApiException;
import dev.migrateops.config.UnreachableServiceException;
import java.io.IOException;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import org.springframework.context.SmartLifecycle;

/** Connects to Slack over Socket Mode (no public URL needed) for as long as the application runs. */
class SocketModeRunner implements SmartLifecycle {

    private final App app;
    private final String appToken;
    private SocketModeApp socketMode;

    public SocketModeRunner(App app, String appToken) {
        this.app = app;
        this.appToken = appToken;
    }

    @Override
    public synchronized void start() {
        requireSlackReachable();
        try {
            socketMode = new SocketModeApp(appToken, app);
            socketMode.startAsync();
        } catch (Exception e) {
            throw new IllegalStateException("Socket Mode could not connect to Slack: " + e.getMessage(), e);
        }
    }

    /**
     * Bolt reports an unreachable Slack as "the token is invalid"; api.test (no token needed) tells the two
     * apart before Bolt tries.
     */
    private void requireSlackReachable() {
        String prefix = app.slack().getConfig().getMethodsEndpointUrlPrefix();
        String address = prefix == null ? "https://slack.com/api/" : prefix;
        try {
            app.slack().methods().apiTest(request -> request);
        } catch (IOException e) {
            throw new UnreachableServiceException("Slack's Web API (" + address + ")", "migrateops.slack.api-base-url",
                    e.getMessage(), e);
        } catch (SlackApiException e) {
            // Slack answered: it can be reached, and Bolt judges the token next
        }
    }

    @Override
    public synchronized void stop() {
        if (socketMode != null) {
            try {
                socketMode.close();
            } catch (Exception e) {
                // shutting down anyway
            }
            socketMode = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return socketMode != null;
    }
}
