CREATE TABLE `outbound_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`seller_id` integer NOT NULL,
	`kind` text NOT NULL,
	`target_id` text NOT NULL,
	`event_type` text NOT NULL,
	`payload` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`due_at` integer NOT NULL,
	`retry_until` integer NOT NULL,
	`lease_owner` text,
	`lease_until` integer,
	`last_status` integer,
	`last_error` text,
	`last_attempt_at` integer,
	`created_at` integer NOT NULL,
	`delivered_at` integer,
	FOREIGN KEY (`seller_id`) REFERENCES `sellers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbound_messages_message_target_uq` ON `outbound_messages` (`message_id`,`target_id`);--> statement-breakpoint
CREATE INDEX `outbound_messages_due_idx` ON `outbound_messages` (`state`,`due_at`);--> statement-breakpoint
CREATE INDEX `outbound_messages_target_idx` ON `outbound_messages` (`target_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `outbound_messages_seller_idx` ON `outbound_messages` (`seller_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `webhook_endpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`seller_id` integer NOT NULL,
	`url` text NOT NULL,
	`events` text NOT NULL,
	`sealed_secret` text NOT NULL,
	`created_at` integer NOT NULL,
	`deleted_at` integer,
	`disabled_at` integer,
	`failing_since` integer,
	`last_success_at` integer,
	FOREIGN KEY (`seller_id`) REFERENCES `sellers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `webhook_endpoints_seller_idx` ON `webhook_endpoints` (`seller_id`);