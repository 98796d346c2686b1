// The codec endpoint: Temporal payloads decoded for the leads of a project's charter.
import { Module } from '@nestjs/common';
import { CodecController } from './codec.controller';
import { CodecService } from './codec.service';

@Module({ controllers: [CodecController], providers: [CodecService] })
export class CodecModule {}
