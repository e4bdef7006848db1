package org.certdesk.bot.testing;

import java.io.IOException;

import org.certdesk.bot.system.CertdeskApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Keeps the slice-test applications of other packages (e.g. the Teams channel's, with its own
 * clock) out of the whole-application tests: the application scans {@code org.certdesk.bot}, which
 * on the test class path includes them.
 */
final class OtherTestApplications extends TypeExcludeFilter {

    static void excludeFrom(ConfigurableApplicationContext context) {
        context.getBeanFactory().registerSingleton("certdeskExcludeOtherTestApplications", new OtherTestApplications());
    }

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
        return reader.getAnnotationMetadata().hasAnnotation(SpringBootConfiguration.class.getName())
                && !reader.getClassMetadata().getClassName().equals(CertdeskApplication.class.getName());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OtherTestApplications;
    }

    @Override
    public int hashCode() {
        return OtherTestApplications.class.hashCode();
    }
}
