package dev.migrateops.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import org.springframework.context.SmartLifecycle;

/** Connects to Slack over Socket Mode (no public URL needed) for as long as the application runs. */
public class SocketModeRunner implements SmartLifecycle {

    private final App app;
    private final String appToken;
    private SocketModeApp socketMode;

    public SocketModeRunner(App app, String appToken) {
        this.app = app;
        this.appToken = appToken;
    }

    @Override
    public synchronized void start() {
        try {
            socketMode = new SocketModeApp(appToken, app);
            socketMode.startAsync();
        } catch (Exception e) {
            throw new IllegalStateException("Socket Mode could not connect to Slack: " + e.getMessage(), e);
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
