-- One Postgres instance, separate databases for the app, Temporal and Keycloak.
create database temporal;
create database temporal_visibility;
create database keycloak;
