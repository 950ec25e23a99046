CREATE TABLE `feedback` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`seller_id` integer NOT NULL,
	`rating` integer NOT NULL,
	`comment` text,
	`arrived_ok` integer,
	`language` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`seller_id`) REFERENCES `sellers`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feedback_order_id_unique` ON `feedback` (`order_id`);--> statement-breakpoint
CREATE INDEX `feedback_seller_idx` ON `feedback` (`seller_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `problem_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`order_id` integer NOT NULL,
	`seller_id` integer NOT NULL,
	`package_id` integer,
	`target` text NOT NULL,
	`note` text,
	`contact` text,
	`contact_kind` text,
	`language` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`resolved_at` integer,
	`resolution_note` text,
	FOREIGN KEY (`order_id`) REFERENCES `orders`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`seller_id`) REFERENCES `sellers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`package_id`) REFERENCES `packages`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `problem_reports_target_uq` ON `problem_reports` (`order_id`,`target`);--> statement-breakpoint
CREATE INDEX `problem_reports_seller_idx` ON `problem_reports` (`seller_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `sellers` ADD `public_feedback_url` text;