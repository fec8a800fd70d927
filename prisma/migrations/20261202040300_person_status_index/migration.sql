-- The governors' figures cache keys on who is suspended in each school (decision 0027): read by index.
CREATE INDEX "Person_status_idx" ON "Person"("status");
