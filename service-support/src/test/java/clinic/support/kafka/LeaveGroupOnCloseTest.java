package clinic.support.kafka;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.Consumer;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class LeaveGroupOnCloseTest {

    @SuppressWarnings("unchecked")
    final Consumer<String, byte[]> kafka = mock(Consumer.class);
    final Consumer<String, byte[]> consumer = LeaveGroupOnClose.wrap(kafka);

    @Test
    void aCleanCloseLeavesTheGroupEvenAsAStaticMember() {
        consumer.close();

        ArgumentCaptor<CloseOptions> options = ArgumentCaptor.forClass(CloseOptions.class);
        verify(kafka).close(options.capture());
        verify(kafka, never()).close();
        assertThat(options.getValue().groupMembershipOperation()).isEqualTo(GroupMembershipOperation.LEAVE_GROUP);
    }

    @Test
    void aCloseWithATimeoutKeepsItsTimeout() {
        consumer.close(Duration.ofSeconds(3));

        ArgumentCaptor<CloseOptions> options = ArgumentCaptor.forClass(CloseOptions.class);
        verify(kafka).close(options.capture());
        assertThat(options.getValue().timeout()).contains(Duration.ofSeconds(3));
        assertThat(options.getValue().groupMembershipOperation()).isEqualTo(GroupMembershipOperation.LEAVE_GROUP);
    }

    @Test
    void everythingElsePassesThrough() {
        when(kafka.subscription()).thenReturn(Set.of("clinic.urgent-reviews.v1"));

        assertThat(consumer.subscription()).containsExactly("clinic.urgent-reviews.v1");
    }
}
