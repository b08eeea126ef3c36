// Module TEIFixtures.
