-- A delivery callback's body is kept as the bytes the provider sent: text cannot hold a NUL byte, and one such
-- callback used to fail the whole batch of callbacks stored with it.
ALTER TABLE "DeliveryCallback" ALTER COLUMN "body" TYPE BYTEA USING convert_to("body", 'UTF8');
