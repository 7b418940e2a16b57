"""The ground floor: records, settings, topics, errors, Kafka helpers, metrics, health,
network guard. Every stage and the application build on it; it imports no stage."""
