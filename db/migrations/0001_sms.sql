CREATE TABLE `sms_subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`seller_id` integer NOT NULL,
	`phone` text NOT NULL,
	`language` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`confirmed_at` integer,
	`ended_at` integer,
	`end_reason` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`seller_id`) REFERENCES `sellers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sms_subscriptions_live_uq` ON `sms_subscriptions` (`order_id`) WHERE status in ('pending', 'active');--> statement-breakpoint
CREATE INDEX `sms_subscriptions_phone_idx` ON `sms_subscriptions` (`phone`,`status`);--> statement-breakpoint
CREATE TABLE `sms_confirmed_phones` (
	`seller_id` integer NOT NULL,
	`phone` text NOT NULL,
	`confirmed_at` integer NOT NULL,
	PRIMARY KEY(`seller_id`, `phone`),
	FOREIGN KEY (`seller_id`) REFERENCES `sellers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `sms_opt_outs` (
	`phone` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sms_consent_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`event` text NOT NULL,
	`source` text NOT NULL,
	`phone` text NOT NULL,
	`seller_id` integer,
	`order_id` integer,
	`order_number` text,
	`subscription_id` integer,
	`ip` text,
	`user_agent` text,
	`page_url` text,
	`language` text,
	`disclosure_text` text,
	`disclosure_version` text,
	`checkbox_checked` integer,
	`message_sid` text,
	`message_body` text
);
--> statement-breakpoint
CREATE INDEX `sms_consent_events_seller_idx` ON `sms_consent_events` (`seller_id`,`at`);--> statement-breakpoint
CREATE INDEX `sms_consent_events_phone_idx` ON `sms_consent_events` (`phone`,`at`);--> statement-breakpoint
CREATE TABLE `sms_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer,
	`event_id` integer,
	`kind` text NOT NULL,
	`to_phone` text NOT NULL,
	`body` text NOT NULL,
	`segments` integer NOT NULL,
	`state` text NOT NULL,
	`due_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`lease_owner` text,
	`lease_until` integer,
	`leased_at` integer,
	`provider_sid` text,
	`provider_status` text,
	`error_code` text,
	`error_message` text,
	`created_at` integer NOT NULL,
	`submitted_at` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `sms_subscriptions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`event_id`) REFERENCES `tracking_events`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sms_messages_once_uq` ON `sms_messages` (`subscription_id`,`event_id`,`kind`);--> statement-breakpoint
CREATE UNIQUE INDEX `sms_messages_provider_sid_uq` ON `sms_messages` (`provider_sid`);--> statement-breakpoint
CREATE INDEX `sms_messages_due_idx` ON `sms_messages` (`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `sms_messages_subscription_idx` ON `sms_messages` (`subscription_id`,`id`);--> statement-breakpoint
CREATE INDEX `sms_messages_to_idx` ON `sms_messages` (`to_phone`,`created_at`);--> statement-breakpoint
CREATE INDEX `sms_messages_submitted_idx` ON `sms_messages` (`submitted_at`);--> statement-breakpoint
CREATE TABLE `sms_inbound` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_sid` text NOT NULL,
	`from_phone` text NOT NULL,
	`to_phone` text,
	`body` text NOT NULL,
	`keyword` text NOT NULL,
	`reply` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sms_inbound_message_sid_unique` ON `sms_inbound` (`message_sid`);--> statement-breakpoint
CREATE INDEX `sms_inbound_from_idx` ON `sms_inbound` (`from_phone`,`received_at`);--> statement-breakpoint
CREATE TABLE `rate_limit_hits` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bucket` text NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limit_hits_idx` ON `rate_limit_hits` (`bucket`,`key`,`at`);--> statement-breakpoint
ALTER TABLE `sellers` ADD `quiet_start_minute` integer DEFAULT 1200 NOT NULL;--> statement-breakpoint
ALTER TABLE `sellers` ADD `quiet_end_minute` integer DEFAULT 480 NOT NULL;