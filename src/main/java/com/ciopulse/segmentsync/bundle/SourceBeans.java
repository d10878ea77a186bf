package com.ciopulse.segmentsync.bundle;

import com.ciopulse.segmentsync.outcome.OutcomeRecorder;
import com.ciopulse.segmentsync.source.SourcePolls;
import com.ciopulse.segmentsync.source.file.DropFolderPolls;
import java.util.function.UnaryOperator;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** What the source templates (routes/*-source.camel.yaml) share beyond {@code sourcePolls}. */
final class SourceBeans implements CamelConfiguration {

    private final SyncSettings settings;

    SourceBeans(SyncSettings settings) {
        this.settings = settings;
    }

    @BindToRegistry("dropFolderPolls")
    public DropFolderPolls dropFolderPolls(@BeanInject("sourcePolls") SourcePolls sourcePolls,
                                           @BeanInject("outcomeRecorder") OutcomeRecorder outcomeRecorder) {
        return new DropFolderPolls(sourcePolls, outcomeRecorder);
    }

    /** Source templates read their passwords like the API key, never through the placeholder parser. */
    @BindToRegistry("syncSecrets")
    public UnaryOperator<String> syncSecrets() {
        return settings::secret;
    }
}
