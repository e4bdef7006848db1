package org.certdesk.bot.helpdesk;

import org.certdesk.bot.testing.BotTest;

/** {@link HelpdeskRaces} on H2, the embedded default. */
@BotTest
class HelpdeskRacesOnH2Tests extends HelpdeskRaces {
}
