CREATE TABLE `integration_deliveries` (
	`integration_id` text NOT NULL,
	`delivery_id` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`integration_id`, `delivery_id`),
	FOREIGN KEY (`integration_id`) REFERENCES `integrations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `integrations` (
	`id` text PRIMARY KEY NOT NULL,
	`seller_id` integer NOT NULL,
	`source` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`sealed_credentials` text NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`last_delivery_at` integer,
	`deliveries` integer DEFAULT 0 NOT NULL,
	`refused` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`last_error_at` integer,
	FOREIGN KEY (`seller_id`) REFERENCES `sellers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `integrations_seller_source_uq` ON `integrations` (`seller_id`,`source`);--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`owner` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `orders` ADD `source_ref` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `mcf_order_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `orders_seller_source_ref_uq` ON `orders` (`seller_id`,`source_ref`);--> statement-breakpoint
CREATE INDEX `orders_mcf_idx` ON `orders` (`mcf_order_id`);