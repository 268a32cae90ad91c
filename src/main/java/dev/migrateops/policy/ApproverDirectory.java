package dev.migrateops.policy;

/** Answers whether a person belongs to a group of approvers (a Slack user group, resolved at the edge). */
public interface ApproverDirectory {

    boolean isMember(String userId, String groupId);
}
