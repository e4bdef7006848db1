package org.certdesk.bot.system;

import java.util.concurrent.ScheduledExecutorService;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * One thread for the periodic work that must keep time and whose every run is a few short
 * statements, never a call to another server: the outbox's poll and its claims' renewals, the turns'
 * recovery sweep, the renewals of slow actions' leases, and the connection pool's upkeep (HikariCP's
 * housekeeper and its connections' lifetimes). Each had a thread of its own. A claim or a lease is
 * renewed every third of it, so a run could be late by two thirds of a lease (4 s by default) before
 * another instance takes the work over; the runs here take milliseconds.
 *
 * <p>Long work (deletes of a retention, anything on the network) goes to {@link Housekeeping}
 * instead, so that it never delays these.
 *
 * <p>The pool is made before the context starts and closed after it stopped, so the thread is made
 * with the pool and ends when this bean is destroyed, after the pool closed.
 */
@Component
public class Timers extends ScheduledThread {
    public Timers() {
        super("certdesk-timers", true);
    }

    /** Hands the timers' thread to the HikariCP pool before it starts, which otherwise makes its own. */
    @Configuration(proxyBeanMethods = false)
    static class PoolUpkeep {
        @Bean
        static BeanPostProcessor poolUpkeepOnTimers(ObjectProvider<Timers> timers) {
            return new PoolUpkeepOnTimers(timers);
        }
    }

    private static final class PoolUpkeepOnTimers implements BeanPostProcessor, BeanFactoryAware {
        private final ObjectProvider<Timers> timers;
        private ConfigurableBeanFactory beans;

        PoolUpkeepOnTimers(ObjectProvider<Timers> timers) {
            this.timers = timers;
        }

        @Override
        public void setBeanFactory(BeanFactory beanFactory) {
            beans = beanFactory instanceof ConfigurableBeanFactory configurable ? configurable : null;
        }

        @Override
        public Object postProcessBeforeInitialization(Object bean, String name) throws BeansException {
            if (bean instanceof HikariDataSource pool && pool.getScheduledExecutor() == null) {
                Timers thread = timers.getIfAvailable();
                if (thread != null) {
                    ScheduledExecutorService executor = thread.executor();
                    pool.setScheduledExecutor(executor);
                    if (beans != null) {
                        beans.registerDependentBean("timers", name); // the pool is closed first
                    }
                }
            }
            return bean;
        }
    }
}
