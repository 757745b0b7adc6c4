package clinic.notification.email;

import clinic.notification.Mailbox;
import clinic.notification.NotificationServiceTest;
import clinic.notification.TestServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

@NotificationServiceTest
class MailWarmUpTest {

    @Autowired
    MailWarmUp warmUp;

    @Test
    void warmsUpTemplatesAndTheSmtpSessionWithoutSendingAnything() {
        assertThat(warmUp.warmUp()).isTrue();

        assertThat(Arrays.stream(TestServers.smtp().getReceivedMessages()).map(Mailbox::text))
                .noneMatch(text -> text.contains("warm-up"));
    }

    @Test
    void aMailServerThatIsDownOnlySkipsTheWarmUp() {
        TestServers.stopSmtp();
        try {
            assertThat(warmUp.warmUp()).isFalse();
        } finally {
            TestServers.startSmtp();
        }
    }
}
