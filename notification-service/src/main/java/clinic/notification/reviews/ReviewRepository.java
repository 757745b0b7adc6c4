package clinic.notification.reviews;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.UUID;

interface ReviewRepository extends JpaRepository<Review, UUID> {

    /** Closed reviews, for the agreement figures. */
    List<Review> findByClosedAtIsNotNullOrderByRulesetIdAscRulesetVersionAscClosedAtAsc();
}
