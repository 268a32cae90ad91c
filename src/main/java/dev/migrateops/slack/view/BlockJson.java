package dev.migrateops.slack.view;

import com.google.gson.Gson;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import java.util.List;

/** Block Kit as the JSON Slack receives. */
public final class BlockJson {

    private static final Gson GSON = GsonFactory.createSnakeCase();

    private BlockJson() {
    }

    public static String of(List<LayoutBlock> blocks) {
        return GSON.toJson(blocks);
    }

    public static String of(View view) {
        return GSON.toJson(view);
    }
}
