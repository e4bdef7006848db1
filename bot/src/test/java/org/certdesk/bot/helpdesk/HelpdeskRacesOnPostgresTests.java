package org.certdesk.bot.helpdesk;

import org.certdesk.bot.testing.PostgresBotTest;

/** {@link HelpdeskRaces} on a real PostgreSQL (embedded). */
@PostgresBotTest
class HelpdeskRacesOnPostgresTests extends HelpdeskRaces {
}
