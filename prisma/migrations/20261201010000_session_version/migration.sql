-- A session carries the version it was issued at and ends when the user's version moves on
-- (password changed, signed out). Sessions issued before this column existed carry none and end too.
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
