-- One database per service in the one PostgreSQL server (compose.yaml mounts this file into
-- /docker-entrypoint-initdb.d, which the postgres image runs once, on an empty data volume).
-- Each service's FIVELAYER_DB_URL names its own: postgresql+psycopg://postgres@postgres:5432/fivelayer_{service}.
CREATE DATABASE fivelayer_control;
CREATE DATABASE fivelayer_chain;
CREATE DATABASE fivelayer_depository;
CREATE DATABASE fivelayer_broker;
CREATE DATABASE fivelayer_issuer;
CREATE DATABASE fivelayer_exchange;
