package clinic.support.web;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

import java.util.Map;

/**
 * A session store that asks its {@link JdbcSessionCeiling} before it creates a session; everything else is the
 * store's own. Spring Session's filter creates sessions only through {@link #createSession()}, so this is the
 * one place where a session comes into being.
 */
final class BoundedSessionRepository<S extends Session> implements FindByIndexNameSessionRepository<S> {

    private final FindByIndexNameSessionRepository<S> store;
    private final JdbcSessionCeiling ceiling;

    BoundedSessionRepository(FindByIndexNameSessionRepository<S> store, JdbcSessionCeiling ceiling) {
        this.store = store;
        this.ceiling = ceiling;
    }

    @Override
    public S createSession() {
        ceiling.admitOneMore();
        return store.createSession();
    }

    @Override
    public void save(S session) {
        store.save(session);
    }

    @Override
    public S findById(String id) {
        return store.findById(id);
    }

    @Override
    public void deleteById(String id) {
        store.deleteById(id);
    }

    @Override
    public Map<String, S> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        return store.findByIndexNameAndIndexValue(indexName, indexValue);
    }

    @Override
    public Map<String, S> findByPrincipalName(String principalName) {
        return store.findByPrincipalName(principalName);
    }
}
