package io.clarion.store;

import org.jboss.logging.Logger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Date;
import java.util.Properties;

/**
 * A Quartz scheduler on the app schema's JDBC job store with clustering on, so each firing runs
 * on one instance of a cluster and a firing due while every instance was down is seen as a
 * misfire by the first one back. Each caller gets a scheduler of its own name in the shared
 * store, so its jobs start, stop and fail independently of the others'. The settings live here
 * once, since two schedulers that disagreed on the job store would corrupt each other's rows.
 */
public final class ClusteredScheduler {
    private ClusteredScheduler() {
    }

    private static final Logger LOG = Logger.getLogger(ClusteredScheduler.class);

    /** When the named trigger fires next, or null when there is none or the job store cannot say. */
    public static Date nextFireTime(Scheduler scheduler, String name, String group) {
        try {
            Trigger t = scheduler.getTrigger(new TriggerKey(name, group));
            return t == null ? null : t.getNextFireTime();
        } catch (SchedulerException e) {
            return null;
        }
    }

    /** Stops the scheduler after its running jobs finish; a failure to stop is only logged, as shutdown goes on. */
    public static void shutdown(Scheduler scheduler, String what) {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warnf("the %s did not stop cleanly: %s", what, e.getMessage());
        }
    }

    /**
     * A scheduler not yet started: the caller sets its job factory and listeners, declares its
     * jobs, then starts it.
     *
     * @param name               the scheduler's name in the shared store (instances of one cluster share it)
     * @param threads            how many of its jobs may run at once on this instance
     * @param misfireThresholdMs how late a firing may be before it counts as missed
     */
    public static Scheduler create(DataSource store, String name, int threads, long misfireThresholdMs) throws SchedulerException {
        String provider = "clarion-" + name;
        DBConnectionManager.getInstance().addConnectionProvider(provider, new PooledConnections(store));
        Properties p = new Properties();
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, name);
        p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, "AUTO");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(threads));
        p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.setProperty("org.quartz.jobStore.tablePrefix", "clarion.qrtz_");
        p.setProperty("org.quartz.jobStore.dataSource", provider);
        p.setProperty("org.quartz.jobStore.isClustered", "true");
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
        p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(misfireThresholdMs));
        return new StdSchedulerFactory(p).getScheduler();
    }

    /** Quartz borrows connections from our pool instead of opening its own. */
    private record PooledConnections(DataSource ds) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return ds.getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
