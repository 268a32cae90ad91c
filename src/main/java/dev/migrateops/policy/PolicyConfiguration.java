package dev.migrateops.policy;

import dev.migrateops.config.MigrateOpsProperties;
import dev.migrateops.config.MissingSettingException;
import dev.migrateops.config.PolicyProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The policy from {@code migrateops.policy}, user groups resolved by the directory the adapter at hand provides. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PolicyProperties.class)
public class PolicyConfiguration {

    /** Refuses to start while a target that needs approvals names nobody to give them: anyone could approve. */
    @Bean
    Policy policy(PolicyProperties settings, ApproverDirectory directory, MigrateOpsProperties targets) {
        Policy.unapprovable(targets.targets()).ifPresent(target -> {
            throw new MissingSettingException("migrateops.targets." + target + ".approvers (MIGRATEOPS_TARGETS_"
                    + target.toUpperCase(java.util.Locale.ROOT) + "_APPROVERS)", target + " needs "
                    + targets.targets().get(target).approvalsRequired() + " approval(s) but names no approvers, so anyone in the "
                    + "workspace could approve its runs: name Slack user ids (U…) or user groups (S…)",
                    "A target that requires approvals must say who may give them; MigrateOps never lets anyone approve by default.");
        });
        return new Policy(settings, directory);
    }
}
