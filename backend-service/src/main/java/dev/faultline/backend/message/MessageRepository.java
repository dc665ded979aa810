package dev.faultline.backend.message;

import java.util.List;

import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;

/**
 * Stores messages in the embedded database with Spring Data JDBC.
 */
interface MessageRepository extends ListCrudRepository<Message, Long> {

	/**
	 * The newest messages first; ties on the timestamp are broken by id so the order is
	 * stable.
	 */
	@Query("SELECT * FROM messages ORDER BY created_at DESC, id DESC LIMIT :limit")
	List<Message> findNewest(int limit);

}
